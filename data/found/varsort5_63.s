# superopt search: varsort5, 63 instructions, seed 1
	.text
	.globl	varsort5
	.type	varsort5, @function
	.p2align 6
varsort5:
	mov (%rdi), %eax
	cmp $2, %eax
	jle .Lvarsort5_Ln3
	cmp $4, %eax
	mov 4(%rdi), %eax
	jg .Lvarsort5_L6
	mov 12(%rdi), %esi
	mov 8(%rdi), %edx
	jl .Lvarsort5_L4
	mov 16(%rdi), %r11d
	jmp .Lvarsort5_Ln2
.Lvarsort5_Ln3:
	jl .Lvarsort5_L8
	mov 8(%rdi), %r11d
	mov 4(%rdi), %eax
	jmp .Lvarsort5_Ln4
.Lvarsort5_L6:
	mov 20(%rdi), %esi
	cmp %esi, %eax
	mov %eax, %r9d
	cmovge %esi, %eax
	cmovle %esi, %r9d
	mov 16(%rdi), %r11d
	cmp %r11d, %r9d
	mov %r11d, %ecx
	cmovge %r9d, %ecx
	cmovl %r9d, %r11d
	mov 8(%rdi), %r10d
	cmp %ecx, %r10d
	cmovle %r10d, %esi
	cmovg %ecx, %esi
	mov 12(%rdi), %edx
	cmovle %ecx, %r10d
	cmp %edx, %r10d
	cmovle %edx, %ecx
	cmovge %r10d, %ecx
	cmovl %r10d, %edx
	mov %ecx, 20(%rdi)
.Lvarsort5_Ln2:
	mov %r11d, %r10d
	mov %esi, %r9d
	cmp %eax, %esi
	cmovge %eax, %esi
	cmovg %r9d, %eax
	cmp %r11d, %edx
	cmovg %edx, %r11d
	cmovge %r10d, %edx
	cmp %eax, %r11d
	mov %r11d, %r9d
	cmovle %eax, %r9d
	mov %r9d, 16(%rdi)
	cmovle %r11d, %eax
.Lvarsort5_L4:
	mov %edx, %r11d
	cmp %r11d, %esi
	cmovge %esi, %edx
	mov %eax, %r8d
	cmovle %esi, %r11d
	cmp %r8d, %edx
	cmovg %edx, %r8d
	cmovl %edx, %eax
	mov %r8d, 12(%rdi)
.Lvarsort5_Ln4:
	cmp %r11d, %eax
	jl .Lvarsort5_L5
	mov %r11d, 4(%rdi)
.Lvarsort5_L5:
	cmovl %r11d, %eax
	mov %eax, 8(%rdi)
.Lvarsort5_L8:
	ret
	.size	varsort5, .-varsort5
	.section	.note.GNU-stack,"",@progbits
