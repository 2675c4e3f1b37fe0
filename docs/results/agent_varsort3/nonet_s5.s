# found by superopt agent, seed 5
	.text
	.globl	varsort3_agent
	.type	varsort3_agent, @function
	.p2align 6
varsort3_agent:
	mov (%rdi), %eax
	mov 4(%rdi), %ecx
	cmp $2, %eax
	je .Lvarsort3_agent_L0
	jle .Lvarsort3_agent_L1
	mov 8(%rdi), %edx
	cmp %edx, %ecx
	cmovge %ecx, %eax
	mov %eax, %esi
	mov 12(%rdi), %esi
	mov %esi, %eax
	mov %ecx, %esi
	cmovl %edx, %esi
	cmovg %edx, %ecx
	cmp %ecx, %eax
	mov %eax, %edx
	mov %ecx, %eax
	cmovge %edx, %ecx
	cmovg %eax, %edx
	mov %edx, 4(%rdi)
	mov %ecx, %eax
	cmovge %esi, %edx
	cmp %esi, %eax
	cmovl %esi, %eax
	mov %eax, 12(%rdi)
	cmovl %ecx, %esi
	mov %esi, 8(%rdi)
	jmp .Lvarsort3_agent_L2
.Lvarsort3_agent_L0:
	mov 8(%rdi), %eax
	cmp %ecx, %eax
	mov %ecx, %edx
	cmovl %eax, %ecx
	cmovg %eax, %edx
	mov %ecx, 4(%rdi)
	mov %edx, 8(%rdi)
.Lvarsort3_agent_L1:
.Lvarsort3_agent_L2:
	ret
	.size	varsort3_agent, .-varsort3_agent
	.section	.note.GNU-stack,"",@progbits
